import sys

from analysis.pipeline import main

sys.exit(main())
