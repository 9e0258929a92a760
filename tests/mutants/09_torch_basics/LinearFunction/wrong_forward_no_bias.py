# The forward pass forgets the bias.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, W, b):
        ctx.save_for_backward(x, W)
        return x @ W

    @staticmethod
    def backward(ctx, grad_out):
        x, W = ctx.saved_tensors
        return grad_out @ W.T, x.T @ grad_out, grad_out.sum(dim=0)
