"""One module per resource of the facade (29), imported on first use."""
