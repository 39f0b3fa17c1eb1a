"""People's logins: the users a county admin manages."""
