"""Admins whose rows are written by services: the ModelAdmin names them, holds no workflow."""


class ServiceWritesMixin:
    """``save_service`` and ``delete_service`` are called with the row, by its model's name
    (``correction=``), and ``by=`` the user; left None, Django's own save or delete runs.
    ``inline_services`` does the same for the rows of inline formsets.

    Under LockedAdminMixin in the bases, so the lock version is claimed before the service
    writes.
    """

    save_service = None
    delete_service = None
    # The inlines' rows, by model: {Model: (save_service, delete_service)}, called the same way.
    inline_services = {}

    # The services' name for the row when it is not the model's (``kind=`` for a
    # RelationshipKind).
    service_argument = None

    def _write(self, service, request, obj):
        name = (self.service_argument if type(obj) is self.model else None) or obj._meta.model_name
        return service(**{name: obj, "by": request.user})

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

    def save_formset(self, request, form, formset, change):
        services = self.inline_services.get(formset.model)
        if services is None:
            return super().save_formset(request, form, formset, change)
        save, delete = services
        rows = formset.save(commit=False)
        for row in formset.deleted_objects:
            self._write(delete, request, row)
        for row in rows:
            self._write(save, request, row)
        formset.save_m2m()
        return None

    def delete_queryset(self, request, queryset):
        if type(self).delete_service is None:
            return super().delete_queryset(request, queryset)
        for obj in queryset:
            self.delete_model(request, obj)
        return None
