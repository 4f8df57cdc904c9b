from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness and database reachability for load balancers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any database failure means unhealthy
        return JsonResponse({"status": "error", "database": type(exc).__name__}, status=503)
    return JsonResponse({"status": "ok"})


urlpatterns = [path("healthz", healthz, name="healthz")]
