import sys

from analysis.bibliometrics.cli import main

sys.exit(main())
