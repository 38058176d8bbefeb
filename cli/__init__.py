"""The command-line interface: the same use cases as the GUI, for offices and scripts."""
