"""Video and captions: TTML caption files read safely, written as WebVTT, shown as transcript prose, and the
accessible player that replaces the legacy Flash one (docs/video.md)."""
