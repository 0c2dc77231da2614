"""Screens: each a file. The browse screen is the app's default screen."""
