"""The console: the web pages in which officers, committees, cadres and supervisors do their work.

It keeps no records: every page is read from, and every form posted to, the four services' HTTP APIs
with the signed-in person's own token, so each access rule, refusal and access record stays there.
"""
