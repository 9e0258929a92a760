"""The graded contract of ../shared/SYLLABUS.md as data, for the conformance tests.

Each chapter maps its graded names to the parameter list the syllabus fixes (for a class, its
``__init__`` without ``self``; None where the syllabus fixes no signature). test_course.py checks
every name here appears in SYLLABUS.md's row, so this table cannot drift from the contract silently.
"""

GRADED: dict[str, dict[str, str | None]] = {
    "01_neuron": {
        "weighted_sum": "x, w, b",
        "step": "z",
        "perceptron_predict": "X, w, b",
        "perceptron_train": "X, y, lr=1.0, epochs=20",
        "gate_neuron": "name",
    },
    "02_activations": {
        "sigmoid": "z",
        "sigmoid_grad": "z",
        "tanh": "z",
        "tanh_grad": "z",
        "relu": "z",
        "relu_grad": "z",
        "leaky_relu": "z, alpha=0.01",
        "leaky_relu_grad": "z, alpha=0.01",
        "softmax": "z, axis=-1",
    },
    "03_gradient_descent": {
        "mse": "y_pred, y",
        "mse_grad": "y_pred, y",
        "binary_cross_entropy": "p, y, eps=1e-12",
        "numerical_gradient": "f, x, h=1e-5",
        "gradient_descent": "grad_fn, x0, lr, steps",
        "momentum_descent": "grad_fn, x0, lr, beta, steps",
        "fit_linear_regression": "X, y, lr=0.1, epochs=500",
    },
    "04_backprop": {
        "Value": None,
        "linear_forward": "x, W, b",
        "linear_backward": "dout, cache",
        "relu_forward": "x",
        "relu_backward": "dout, cache",
        "softmax_cross_entropy": "logits, y",
        "grad_check": "f, x, analytic, h=1e-5",
    },
    "05_mlp": {
        "init_params": 'layer_sizes, seed=0, scheme="he"',
        "mlp_forward": "X, params",
        "mlp_backward": "dlogits, caches",
        "sgd_step": "params, grads, lr",
        "adam_step": "params, grads, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8",
        "dropout_forward": "x, p, train, rng",
        "dropout_backward": "dout, cache",
        "train_mlp": "X, y, hidden_sizes, lr, epochs, batch_size, seed=0, l2=0.0",
    },
    "06_cnn": {
        "conv_output_size": "size, kernel, stride=1, pad=0",
        "conv2d_forward": "x, w, b, stride=1, pad=0",
        "conv2d_backward": "dout, cache",
        "maxpool2d_forward": "x, size=2, stride=2",
        "maxpool2d_backward": "dout, cache",
        "avgpool2d_forward": "x, size=2, stride=2",
        "avgpool2d_backward": "dout, cache",
    },
    "07_rnn": {
        "rnn_step_forward": "x_t, h_prev, Wx, Wh, b",
        "rnn_step_backward": "dh_t, cache",
        "rnn_forward": "x, h0, Wx, Wh, b",
        "rnn_backward": "dh, cache",
        "clip_gradients": "grads, max_norm",
    },
    "08_gan": {
        "discriminator_loss": "real_logits, fake_logits",
        "generator_loss": "fake_logits",
        "train_gan": None,  # "train_gan(data, steps, seed=0, ...)": extra keywords are the author's
    },
    "09_torch_basics": {
        "get_device": "",
        "LinearFunction": None,
        "TwoLayerNet": "in_dim, hidden, out_dim",
        "train_epoch": "model, loader, loss_fn, optimizer, device",
        "evaluate": "model, loader, device",
    },
    "10_torch_cnn": {
        "ConvNet": "num_classes=10",
        "train_model": "model, train_loader, epochs, lr, device, amp=True",
    },
    "11_torch_rnn": {
        "unroll_rnn": "cell, x, h0",
        "CharRNN": 'vocab_size, embed_dim, hidden_dim, num_layers=1, cell="lstm"',
        "sample": "model, stoi, itos, start, length, temperature=1.0, generator=None",
    },
    "12_torch_gan": {
        "Generator": "latent_dim=32",
        "Discriminator": "",
        "d_step": "G, D, real, opt_d, latent_dim",
        "g_step": "G, D, batch_size, opt_g, latent_dim",
    },
}

# Signatures whose leading parameters are fixed but which may take more keywords.
OPEN_ENDED = {("08_gan", "train_gan"): "data, steps, seed=0"}
