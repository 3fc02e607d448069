from wagtail import hooks

from . import admin_api

# After Wagtail's own hooks (order 0), which register the unscoped endpoints under the same names.
hooks.register("construct_admin_api", admin_api.register, order=100)
