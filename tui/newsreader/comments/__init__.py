"""The comment side: drafts, their validation, and the pending queue. Never imports textual."""
