"""An index loop with np.subtract."""
def sgd_step(params, grads, lr):
    out = []
    for l in range(len(params)):
        out.append(tuple(np.subtract(p, np.multiply(lr, g)) for p, g in zip(params[l], grads[l])))
    return out
