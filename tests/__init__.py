"""The test suite; what the tests share (stand-in, harness, fixtures) is in tests/support."""
