"""outlets."""
