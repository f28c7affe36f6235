from django.contrib.auth.decorators import login_required
from django.shortcuts import render


@login_required
def dashboard(request):
    """The staff landing page: what this account can do."""
    return render(request, "accounts/staff/dashboard.html", {"sites": request.user.sites.all()})
