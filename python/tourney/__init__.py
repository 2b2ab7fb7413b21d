from ._tourney import *  # noqa
from ._tourney import Runtime
