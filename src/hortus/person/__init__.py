"""Writing to a person's file: appending an entry (`append`), creating a contact (`create`),
resolving a NAME typed on the command line (`names`), and the user's editor (`editor`)."""
