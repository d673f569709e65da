"""The project's benchmarks (`make bench`): numbers measured side by side, never timed tests."""
