"""Qt item models over our own data (named so that "model" always means model/)."""
