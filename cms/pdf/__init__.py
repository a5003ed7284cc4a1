"""PDF rendering shared by the printable programme and the exchange's notices.

Below the apps that use it: it knows templates and static files, no page or model.
"""
