// Only imported, never rendered on its own: it is not an object.
'not a manifest'
