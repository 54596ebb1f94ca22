"""Interactive figures and tools, one module each (imported on demand)."""
