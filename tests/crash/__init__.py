"""Crash safety, proven by killing the real program with SIGKILL at random moments."""
