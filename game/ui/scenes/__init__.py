"""The screens: title, setup, play, debrief, and the overlays pushed over them."""
