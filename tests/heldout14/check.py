#!/usr/bin/env python3
"""Self-check of this held-out set (run from any directory): tests/heldout_check.py on this folder."""
import os, runpy, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.argv = [sys.argv[0], here]
runpy.run_path(os.path.join(here, '..', 'heldout_check.py'), run_name='__main__')
