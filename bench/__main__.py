"""`python -m bench`: run every scenario and print the figures with their floors."""
import sys

from bench.run import main

sys.exit(main())
