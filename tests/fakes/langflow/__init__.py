"""A fake Langflow speaking Langflow's run API over real HTTP."""
