from scrbrowse.cli import main

raise SystemExit(main())
