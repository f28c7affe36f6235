from django.shortcuts import render


def metier_list(request):
    # Replaced by the CATALOGUE work.
    return render(request, "placeholder.html", {"title": "Les métiers"})
