"""Stand-ins for systems outside the project, speaking their real wire protocols."""
