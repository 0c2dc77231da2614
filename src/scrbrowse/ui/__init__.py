"""The Textual browser. Imported only when the app opens, so the CLI never pays for Textual."""
