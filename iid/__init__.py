"""IID dashboard: data layer, domain rules and charts for the Indeks Inovasi Daerah."""

__version__ = "0.1.0"
