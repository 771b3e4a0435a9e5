"""The way in: updates become inbox rows (intake), then are handled lane by lane (lanes)."""
