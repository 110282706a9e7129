"""Layer 3: files in and out.

One module per format (vCard, CSV, LinkedIn, JSON, iCalendar), the import
merge once, decoding and safe writing. Imports layers 0 to 2.
"""
