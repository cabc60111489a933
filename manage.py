#!/usr/bin/env python
from samverkan.__main__ import main

if __name__ == "__main__":
    main()
