"""The site's structure: the national home, a hub per force, and the pages under them."""

from .base import Nation, WeekDatesMixin
from .case_studies import CaseStudyPage
from .hubs import ForceHubPage, Station
from .libraries import ResourceLibraryPage
from .moderation import ForceModeration
from .national import HomePage
from .standard import StandardPage

__all__ = [
    "CaseStudyPage",
    "ForceHubPage",
    "ForceModeration",
    "HomePage",
    "Nation",
    "ResourceLibraryPage",
    "StandardPage",
    "Station",
    "WeekDatesMixin",
]
