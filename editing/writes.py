"""Admins whose rows are written by services: the ModelAdmin names them, holds no workflow."""


class ServiceWritesMixin:
    """``save_service`` and ``delete_service`` are called with the row, by its model's name
    (``correction=``), and ``by=`` the user; left None, Django's own save or delete runs.

    Under LockedAdminMixin in the bases, so the lock version is claimed before the service
    writes.
    """

    save_service = None
    delete_service = None

    def _write(self, service, request, obj):
        return service(**{self.model._meta.model_name: obj, "by": request.user})

    def save_model(self, request, obj, form, change):
        service = type(self).save_service
        if service is None:
            return super().save_model(request, obj, form, change)
        return self._write(service, request, obj)

    def delete_model(self, request, obj):
        service = type(self).delete_service
        if service is None:
            return super().delete_model(request, obj)
        return self._write(service, request, obj)

    def delete_queryset(self, request, queryset):
        if type(self).delete_service is None:
            return super().delete_queryset(request, queryset)
        for obj in queryset:
            self.delete_model(request, obj)
        return None
