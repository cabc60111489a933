from django.views import i18n
from django.views.decorators.csrf import csrf_exempt

# The language switch is a form on every page. Without a CSRF token in it, public pages carry
# no per-visitor secret and can be cached whole; forcing someone's language is harmless.
set_language = csrf_exempt(i18n.set_language)
