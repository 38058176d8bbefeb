"""Everything Qt. Talks to the domain only through :mod:`usecases.services`."""
