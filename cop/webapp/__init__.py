"""The site as an installable web app: its manifest and icons (cop.webapp.views)."""
