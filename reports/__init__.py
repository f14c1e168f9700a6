"""The report generator: renders an audit's findings for people (Markdown,
plots) and machines (JSON), and the CLI that gates CI on the ledger."""
