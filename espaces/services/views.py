from django.shortcuts import render


def service_search(request):
    # Replaced by the SERVICES work.
    return render(request, "placeholder.html", {"title": "Lever les freins"})
