"""Helpers shared by the tests and the benchmarks: servers, terminals, sample articles, packages."""
