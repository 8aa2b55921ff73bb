import sys

from geo.ops.cli import main

sys.exit(main())
