"""One module per resource of the facade (30), imported on first use."""
