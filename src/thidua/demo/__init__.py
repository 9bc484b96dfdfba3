"""The demo dataset: the Đồng Nai health sector union, its 34 grassroots unions and demo users."""
