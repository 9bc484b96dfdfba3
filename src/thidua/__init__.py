"""thidua: the emulation-and-commendation system of the Vietnamese trade union."""

__version__ = "0.1.0"
