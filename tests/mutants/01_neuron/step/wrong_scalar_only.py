# Mistake: a Python if works for one number but not for arrays.
def step(z):
    if z >= 0:
        return 1.0
    return 0.0
