"""Flow runtimes behind one interface: Langflow in production, a local one for development."""
