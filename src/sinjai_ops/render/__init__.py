"""Renderers: result models in, `str` out. They compute nothing and write nothing."""
