"""Fakes of external services, served over real HTTP in tests."""
