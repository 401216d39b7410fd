from gaonb_lint.cli import main

raise SystemExit(main())
