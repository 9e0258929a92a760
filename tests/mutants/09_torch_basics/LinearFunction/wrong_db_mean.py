# db averaged over the batch instead of summed.
class LinearFunction(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, W, b):
        ctx.save_for_backward(x, W)
        return x @ W + b

    @staticmethod
    def backward(ctx, grad_out):
        x, W = ctx.saved_tensors
        return grad_out @ W.T, x.T @ grad_out, grad_out.mean(dim=0)
